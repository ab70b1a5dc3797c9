"""A Cog predictor that echoes its text input: no model, no weights, nothing fetched (the conformance suite's and the capture's)."""
from cog import BasePredictor, Input


class Predictor(BasePredictor):
    def predict(self, text: str = Input(description="Text to echo back")) -> str:
        return text
