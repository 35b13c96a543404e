# Hand-written reference: a static Go binary and the files it reads at run time, on distroless/static.
FROM golang:1.19 AS build
WORKDIR /app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o main

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /app/main .
COPY templates templates
COPY *.txt ./
EXPOSE 8080
LABEL version="1.0"
LABEL description="This was created by Arnold & Yonas"
ENTRYPOINT [ "/app/main" ]
