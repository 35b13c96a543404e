# Hand-written reference: already on the slim image (psycopg2-binary brings its own libpq); pip's cache left out.
FROM python:3.11-slim
WORKDIR /app
RUN pip3 install --no-cache-dir flask psycopg2-binary redis
COPY . .
VOLUME [ "/app/data" ]
EXPOSE 5000
CMD [ "python3", "app.py" ]
