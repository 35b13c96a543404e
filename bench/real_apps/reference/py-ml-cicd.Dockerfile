# Hand-written reference: compilers only in the builder (packages installed into a prefix); the slim runtime
# gets the installed packages, libpq and the code. The image's command is the original's last CMD.
FROM python:3.11-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --prefix=/install -r /tmp/requirements.txt

FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY --from=build /install /usr/local
COPY . /code
RUN chmod +x /code
EXPOSE 8005
WORKDIR /code
ENV PYTHONPATH ":/code"
CMD ["python","main.py"]
