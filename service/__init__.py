"""The fieldreport server: pipeline runner, plugin registry, gRPC servicer, config, CLI."""
