# mcp-orchestrator in a container, managing MCP servers on the host's engine through its socket.
#   docker build -t mcp-orchestrator .
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD":"$PWD" -w "$PWD" mcp-orchestrator apply
# The base is a build argument so images can be built from a local base without a registry.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY src ./src
COPY scripts/bundle-cli.js ./scripts/
RUN npm run build --silent && npm prune --omit=dev --no-audit --no-fund --loglevel=error

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/schemas ./schemas
COPY container/entrypoint.sh /usr/local/bin/mcp-orchestrator-entrypoint
# The orchestrator runs as the unprivileged "node" user (uid 1000, as in the official images); the
# entrypoint starts as root only to give it the group of the mounted engine socket, then drops.
RUN chmod 0755 /usr/local/bin/mcp-orchestrator-entrypoint \
 && (id -u node >/dev/null 2>&1 || (groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/sh node)) \
 && ln -s /app/dist/cli/mcp-orchestrator.js /usr/local/bin/mcp-orchestrator && chmod 0755 /app/dist/cli/mcp-orchestrator.js
LABEL org.opencontainers.image.title="mcp-orchestrator" \
      org.opencontainers.image.description="Declarative orchestrator for MCP servers in Docker containers"
WORKDIR /project
# serve's gateway: publish it (-p 127.0.0.1:8808:8808) and listen on all interfaces inside
# (serve --listen 0.0.0.0:8808), which needs a bearer token (MCP_ORCHESTRATOR_GATEWAY_TOKEN).
EXPOSE 8808
ENTRYPOINT ["/usr/local/bin/mcp-orchestrator-entrypoint"]
CMD ["--help"]
