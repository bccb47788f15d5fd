# syntax=docker/dockerfile:1
# RefreshBot's own image. Build: docker build -t refreshbot .
# Run:   docker run --rm -v "$PWD:/work:ro" refreshbot check /work
#        (mount your fleet config and pass --config; the sample config/refreshbot.yaml tracks a local checkout)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/RefreshBot.Domain/RefreshBot.Domain.csproj src/RefreshBot.Domain/
COPY src/RefreshBot.Application/RefreshBot.Application.csproj src/RefreshBot.Application/
COPY src/RefreshBot.Adapters/RefreshBot.Adapters.csproj src/RefreshBot.Adapters/
COPY src/RefreshBot.Host/RefreshBot.Host.csproj src/RefreshBot.Host/
RUN dotnet restore src/RefreshBot.Host/RefreshBot.Host.csproj
COPY src/ src/
RUN dotnet publish src/RefreshBot.Host/RefreshBot.Host.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The runtime image ships an unprivileged "app" user (UID 1654); run as it, never as root.
USER app
ENTRYPOINT ["dotnet", "/app/refreshbot.dll"]
CMD ["--help"]
