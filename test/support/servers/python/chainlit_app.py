"""A one-handler Chainlit echo app for the conformance suite and scripts/capture/chainlit.sh. CONFORMANCE_SIGN_IN picks its
sign-in: none, password, header or oauth (GitHub). No callback accepts anyone: nobody signs in, and nothing reaches GitHub."""
import os

import chainlit as cl


@cl.on_message
async def echo(message: cl.Message):
    await cl.Message(content=message.content).send()


sign_in = os.environ["CONFORMANCE_SIGN_IN"]
if sign_in == "password":

    @cl.password_auth_callback
    def refuse_password(username: str, password: str):
        return None

elif sign_in == "header":

    @cl.header_auth_callback
    def refuse_header(headers):
        return None

elif sign_in == "oauth":

    @cl.oauth_callback
    def refuse_oauth(provider_id: str, token: str, raw_user_data: dict, default_user: cl.User):
        return None

elif sign_in != "none":
    raise SystemExit(f"unknown CONFORMANCE_SIGN_IN: {sign_in}")
