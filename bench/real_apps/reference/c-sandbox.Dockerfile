# Hand-written reference (the size an expert reaches): a static binary on an empty image.
FROM gcc:12 AS build
WORKDIR /usr/src/sandbox
COPY main.c .
RUN gcc -O2 -static -o sandbox main.c

FROM scratch
WORKDIR /usr/src/sandbox
COPY --from=build /usr/src/sandbox/sandbox .
CMD ["./sandbox"]
