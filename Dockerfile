# kubelab image: every component's compiled code plus the `kubelab` CLI; compose.yaml picks the process
# with `command`. Two stages, so the image carries production dependencies only.

FROM node:24-slim AS build
WORKDIR /app
# Dependencies first: this layer stays cached until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && rm -rf dist/test \
 && find dist -name '*.test.js' -delete -o -name '*.test.js.map' -delete \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The toolbox containers put on their PATH (curl, ...): executable launchers next to the compiled code.
COPY --from=build /app/kubelet/images/toolbox ./kubelet/images/toolbox
# A named volume mounted at /config starts out with this directory's owner, so the unprivileged
# user can write the generated credentials into it.
RUN mkdir -p /config && chown node:node /config
USER node
CMD ["node", "dist/cli/main.js", "--help"]
