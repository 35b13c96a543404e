# Hand-written reference: a pure-Python app needs no compiler: the slim image and a cache-less pip.
FROM python:3.11-slim
WORKDIR /app
COPY app.py .
RUN pip install --no-cache-dir flask
EXPOSE 5000
CMD ["python", "app.py"]
