# Hand-written reference: the slim image and production dependencies only.
FROM node:18-slim
WORKDIR /usr/src/app
COPY . .
RUN npm install --omit=dev && npm cache clean --force
EXPOSE 3000
CMD [ "node", "server.js" ]
