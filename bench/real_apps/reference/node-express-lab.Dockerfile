# Hand-written reference: the slim image and production dependencies only.
FROM node:18-slim
WORKDIR /usr/src/app
COPY package*.json ./
COPY app.js .
RUN npm install --omit=dev && npm cache clean --force
EXPOSE 8080
CMD ["node", "app.js"]
