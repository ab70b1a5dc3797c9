"""A one-line Streamlit app for the conformance suite."""
import streamlit as st

st.write("conformance")
