# Build and run Switchyard (API, workers and web app in one process; ROLE splits them).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY packages ./packages
COPY server ./server
COPY web ./web
COPY e2e/package.json ./e2e/package.json
COPY tools ./tools
RUN npm install --no-audit --no-fund && NX_DAEMON=false npx nx run-many -t build --projects=@switchyard/contracts,@switchyard/sdk,@switchyard/server,@switchyard/web

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "server/dist/main.js"]
