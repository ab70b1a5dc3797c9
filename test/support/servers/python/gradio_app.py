"""A one-function Gradio app for the conformance suite: PORT sets the loopback port; with
GRADIO_PASSWORD set, launch(auth=...) requires the user "conformance"."""
import os

import gradio as gr

demo = gr.Interface(fn=lambda text: text, inputs="text", outputs="text", title="conformance echo")
password = os.environ.get("GRADIO_PASSWORD")
demo.launch(
    server_name="127.0.0.1",
    server_port=int(os.environ["PORT"]),
    auth=("conformance", password) if password else None,
    share=False,
)
