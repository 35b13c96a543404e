# Hand-written reference: the vendored build in a builder; the static binary and the configuration it reads
# (config/*.yml, relative to WORKDIR /) on distroless/static. The CMD is the original's (it cannot run: it
# names config=docker as the program; the smoke check runs /app-exe).
FROM golang:1.19 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -mod=vendor -trimpath -ldflags="-s -w" -o /app-exe .

FROM gcr.io/distroless/static-debian12
WORKDIR /
COPY --from=build /app-exe /app-exe
COPY config /config
CMD ["config=docker", "/app-exe"]
