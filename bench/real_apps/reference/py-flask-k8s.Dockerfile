# Hand-written reference: a pure-Python app needs no compiler: the slim image and a cache-less pip.
FROM python:3.11-slim
RUN pip install --no-cache-dir flask
COPY app.py /app/
WORKDIR /app
EXPOSE 5000
CMD ["python", "app.py"]
