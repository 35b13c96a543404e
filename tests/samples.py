"""Small Dockerfiles that several test modules use (copies of two shared e2e apps' files)."""

PY_TESTS = """\
FROM python:3.11
WORKDIR /app
COPY requirements.txt requirements-dev.txt ./
RUN pip install -r requirements-dev.txt
COPY . .
RUN python -m pytest tests/
EXPOSE 5000
CMD ["python", "app.py"]
"""

GO_STDLIB = """\
FROM golang:1.19
WORKDIR /src
COPY go.mod ./
COPY *.go ./
RUN go build -o /usr/local/bin/hello .
CMD ["hello"]
"""
