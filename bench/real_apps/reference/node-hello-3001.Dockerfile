# Hand-written reference: the slim image, production dependencies only, no npm cache (files at /, as before).
FROM node:14-slim
COPY package*.json app.js ./
RUN npm install --omit=dev && npm cache clean --force
EXPOSE 3000
CMD ["node","app.js"]
