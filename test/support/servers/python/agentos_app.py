"""An Agno AgentOS with one agent that never runs (its default model, OpenAI, is never called), for the conformance suite
and scripts/capture/agno-agentos.sh. CONFORMANCE_RBAC=1 turns on JWT authorization (with JWT_VERIFICATION_KEY);
OS_SECURITY_KEY, read by AgentOS itself, the security key. Usage: python agentos_app.py PORT"""
import os
import sys

from agno.agent import Agent
from agno.os import AgentOS

agent = Agent(name="Conformance agent", id="conformance-agent", instructions="Echo.")
agent_os = AgentOS(agents=[agent], authorization=os.environ.get("CONFORMANCE_RBAC") == "1")
app = agent_os.get_app()

if __name__ == "__main__":
    agent_os.serve(app="agentos_app:app", host="127.0.0.1", port=int(sys.argv[1]))
