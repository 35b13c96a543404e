# Hand-written reference: the React build in a builder; the runtime holds serve and the built files only.
FROM node:18-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY ./src ./src
COPY ./public ./public
RUN npm run build

FROM node:18-alpine
WORKDIR /app
RUN npm install -g serve && npm cache clean --force
COPY --from=build /app/build ./build
EXPOSE 3000
CMD [ "serve", "-s", "build" ]
