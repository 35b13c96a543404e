# Hand-written reference: the slim image, production dependencies only, no npm cache.
FROM node:14-slim
WORKDIR /app
COPY . /app
RUN npm install --omit=dev && npm cache clean --force
EXPOSE 3000
CMD ["node", "index.js"]
