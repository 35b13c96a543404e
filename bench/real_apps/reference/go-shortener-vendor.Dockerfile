# Hand-written reference: the vendored build in a builder; the binary and its config on a slim Debian
# (the project's smoke check and its CMD need a shell).
FROM golang:1.19 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -mod=vendor -ldflags="-s -w" -o /app-exe .

FROM debian:bookworm-slim
WORKDIR /
COPY --from=build /app-exe /app-exe
COPY config /config
CMD ["config=docker", "/app-exe"]
