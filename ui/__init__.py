"""The browser chat UI: `ui.app.build_app(engine)` and `ui.app.launch(engine, settings)`."""
