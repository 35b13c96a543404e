# Hand-written reference: the program needs python3 and python3-flask only: no pipx (never run), and none
# of the packages apt recommends (python3-pip recommends a compiler and the Python headers).
FROM debian
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-flask \
 && rm -rf /var/lib/apt/lists/*
RUN useradd myapp
USER myapp
WORKDIR /home/myapp/
COPY main.py /home/myapp/
CMD python3 main.py
EXPOSE 8000
