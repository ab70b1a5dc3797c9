"""A one-cell marimo app for the conformance suite's published app (`marimo run`)."""
import marimo

app = marimo.App()


@app.cell
def _():
    x = 1
    return (x,)


if __name__ == "__main__":
    app.run()
