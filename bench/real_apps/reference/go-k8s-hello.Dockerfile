# Hand-written reference: a static Go binary (GOPATH mode, as the original) on distroless/static.
FROM golang:1.19 AS build
COPY server.go .
RUN GO111MODULE=off CGO_ENABLED=0 go build -ldflags="-s -w" -o server server.go

FROM gcr.io/distroless/static-debian12
WORKDIR /go
COPY --from=build /go/server .
CMD ["./server"]
