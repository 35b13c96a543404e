# Hand-written reference: slim image, cache-less pip, only the files the app needs.
FROM python:3.11-slim
WORKDIR .
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["fastapi", "run", "main.py"]
