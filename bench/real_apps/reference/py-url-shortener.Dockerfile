# Hand-written reference: already on the slim image; pip's cache left out.
FROM python:3.11-slim
WORKDIR /work
COPY requirements.txt requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
COPY config config
COPY app app
CMD ["python", "app/app.py"]
