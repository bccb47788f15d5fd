# syntax=docker/dockerfile:1
# RefreshBot's own image: multi-stage, every base pinned by digest (RefreshBot proposes their updates itself: the
# sample config tracks this file), minimal runtime base (chiseled: no shell, no package manager), non-root user.
#
# Build:  docker build -t refreshbot .
# Run the service (config and data are mounts; the Docker socket only when builds are enabled):
#   docker run -d --name refreshbot -p 8080:8080 \
#     -v "$PWD/config:/config:ro" -v refreshbot-data:/data \
#     -e GITHUB_TOKEN -e REFRESHBOT_LISTEN=http://0.0.0.0:8080 \
#     -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
#     refreshbot
# One cycle and exit:  docker run --rm ... refreshbot run --once
# README "Running the service in a container" explains the Docker socket risk and the remote-builder alternative.

FROM mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/RefreshBot.Domain/RefreshBot.Domain.csproj src/RefreshBot.Domain/
COPY src/RefreshBot.Application/RefreshBot.Application.csproj src/RefreshBot.Application/
COPY src/RefreshBot.Adapters/RefreshBot.Adapters.csproj src/RefreshBot.Adapters/
COPY src/RefreshBot.Host/RefreshBot.Host.csproj src/RefreshBot.Host/
RUN dotnet restore src/RefreshBot.Host/RefreshBot.Host.csproj
COPY src/ src/
RUN dotnet publish src/RefreshBot.Host/RefreshBot.Host.csproj -c Release --no-restore -o /app \
 && mkdir -p /data /config

# Chiseled ASP.NET Core runtime (the service serves /healthz, /readyz, /metrics and events); "-extra" adds ICU and
# tzdata, which schedules with a time zone need.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra@sha256:6385dc0eaef704fad88d3f65c334e791a371bbe448f52ca39d83d2df49251e28 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The docker CLI (a static binary) for `build:` — the daemon is the host's or a remote builder (DOCKER_HOST).
COPY --from=docker:29.1.3-cli@sha256:4fa0ee1f3a7e4354c4ea34558b6d4ee32859baf4973d4c8ccc8e7fe3dd730c04 /usr/local/bin/docker /usr/local/bin/docker
COPY --from=build --chown=1654:1654 /data /data
ENV REFRESHBOT_DATA_DIR=/data \
    REFRESHBOT_CONFIG=/config/refreshbot.yaml
VOLUME ["/data"]
EXPOSE 8080
# The runtime image's unprivileged "app" user (UID 1654), by number so runAsNonRoot policies can check it.
USER 1654
ENTRYPOINT ["dotnet", "/app/refreshbot.dll"]
CMD ["run"]
