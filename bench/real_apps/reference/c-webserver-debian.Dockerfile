# Hand-written reference: build with the project's Makefile, link statically, run on an empty image.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN make server.o && gcc -static -o server server.o

FROM scratch
WORKDIR /app
COPY --from=build /app/server .
CMD ["./server"]
