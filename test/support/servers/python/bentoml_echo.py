"""A one-API BentoML service for the conformance suite (no model, nothing downloaded)."""
import bentoml


@bentoml.service
class Echo:
    @bentoml.api
    def echo(self, text: str) -> str:
        return text
