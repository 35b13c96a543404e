# Hand-written reference: TypeScript compiled in a builder; production dependencies only on the slim image.
FROM node:18 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc

FROM node:18-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/build ./build
RUN adduser --no-create-home --group --disabled-login --system www && chown www -R /app
USER www
CMD node build/index.js
