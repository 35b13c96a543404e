# Hand-written reference: cargo in the builder, the binary (linked to glibc) on a slim Debian.
FROM rust:1.63-slim AS build
WORKDIR /app
COPY Cargo.toml ./
COPY src src
RUN cargo build --release

FROM debian:bookworm-slim
WORKDIR /app
COPY --from=build /app/target/release/hello-rust-world target/release/hello-rust-world
CMD ["./target/release/hello-rust-world"]
