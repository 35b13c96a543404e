# Hand-written reference: every requirement has a wheel: the slim image and a cache-less pip.
FROM python:3.11-slim
COPY . /app
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
EXPOSE 8000
