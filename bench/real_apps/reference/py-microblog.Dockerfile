# Hand-written reference: already on the slim image; pip's cache left out (one pip call), translations
# compiled as before (flask translate compile needs the app and its packages: it stays in the image).
FROM python:slim
COPY requirements.txt requirements.txt
RUN pip install --no-cache-dir -r requirements.txt gunicorn pymysql cryptography
COPY app app
COPY migrations migrations
COPY microblog.py config.py boot.sh ./
RUN chmod a+x boot.sh
ENV FLASK_APP microblog.py
RUN flask translate compile
EXPOSE 5000
ENTRYPOINT ["./boot.sh"]
