"""Training mode: fictional workshop cases, exercises, projector mode and a handout."""

from app.ui.training.section import TrainingSection

__all__ = ["TrainingSection"]
