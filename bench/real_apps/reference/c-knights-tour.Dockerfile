# Hand-written reference: a static binary on an empty image.
FROM gcc:12 AS build
WORKDIR /usr/src/myapp
COPY myapp.c .
RUN gcc -O2 -static -o myapp myapp.c

FROM scratch
WORKDIR /usr/src/myapp
COPY --from=build /usr/src/myapp/myapp .
EXPOSE 80
CMD ["./myapp"]
