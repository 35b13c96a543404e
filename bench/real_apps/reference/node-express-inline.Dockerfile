# Hand-written reference: the slim image; express installed without leaving npm's cache.
FROM node:18-slim
WORKDIR /usr/src/app
COPY app.js .
RUN npm install express && npm cache clean --force
EXPOSE 8080
CMD ["node", "app.js"]
