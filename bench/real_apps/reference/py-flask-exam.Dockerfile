# Hand-written reference: the slim image and a cache-less pip (the original already skips pip's cache);
# the CMD is the original's, quotes and all (a shell-form CMD, since single quotes are not JSON).
FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 5000
cmd ["python",'app.py']
