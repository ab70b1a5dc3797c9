#!/usr/bin/env bash
# Records the Vanna fixtures from real servers, each started the documented way (`.run()` with no arguments: 0.x's
# VannaFlaskApp on 0.0.0.0:8084 with debug on, 2.x's VannaFastAPIServer on 0.0.0.0:8000) over a fresh SQLite database of one
# table, with an OpenAI client pointed at a closed local port (the servers start without network; nothing here asks the
# LLM), HOME and PATH as their only environment, one at a time, in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo:
#   0.7.9 (PyPI vanna[openai]), VannaFlaskApp(vn) with its defaults (auth=NoAuth())            -> v0-default
#   0.7.9, VannaFlaskApp(vn, auth=...) with the docs' SimplePassword example                    -> v0-auth
#   2.0.2 (PyPI vanna[fastapi,openai]), an agent with RunSqlTool and the quickstart's
#     CookieEmailUserResolver (a guest without the cookie, so anonymous chat runs SQL)           -> v2-cookie-resolver
#   2.0.2, a UserResolver that refuses requests without the server's bearer token               -> v2-token-resolver
# 0.x's training data is kept by a small in-memory store (VannaBase subclass, as the docs' custom vector store), not
# ChromaDB, whose default embedding function downloads a model. 2.x's user resolver runs only on chat requests, which the
# probe does not send: both 2.x servers answer its GETs alike.
# Usage: bash scripts/capture/vanna.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

V0=0.7.9
V2=2.0.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.104
VENV0="$ROOT/.venv-capture/vanna-$V0"
VENV2="$ROOT/.venv-capture/vanna-$V2"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV0" "vanna[openai]==$V0"
  ensure_venv "$VENV2" "vanna[fastapi,openai]==$V2"
fi
enter_isolated_netns "$0" "$@"

make_workdir vanna
mkdir -p "$WORK/home"
python3 - "$WORK/shop.db" <<'PYTHON'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT)')
db.executemany('INSERT INTO customers (name, city) VALUES (?, ?)', [('Ada', 'Lyon'), ('Bo', 'Oslo')])
db.commit()
PYTHON

cat >"$WORK/app0.py" <<'PYTHON'
import sys
import pandas as pd
from openai import OpenAI
from vanna.base import VannaBase
from vanna.flask import VannaFlaskApp
from vanna.flask.auth import AuthInterface
from vanna.openai import OpenAI_Chat


class MemoryStore(VannaBase):
    """Training data in a list: no embedding model to download."""
    def __init__(self, config=None):
        self.items = []
    def _add(self, kind, content, question=None):
        self.items.append({'id': f'{len(self.items)}-{kind}', 'training_data_type': kind, 'question': question, 'content': content})
        return self.items[-1]['id']
    def _of(self, kind):
        return [i for i in self.items if i['training_data_type'] == kind]
    def generate_embedding(self, data, **kwargs): return []
    def add_ddl(self, ddl, **kwargs): return self._add('ddl', ddl)
    def add_documentation(self, documentation, **kwargs): return self._add('documentation', documentation)
    def add_question_sql(self, question, sql, **kwargs): return self._add('sql', sql, question)
    def get_related_ddl(self, question, **kwargs): return [i['content'] for i in self._of('ddl')]
    def get_related_documentation(self, question, **kwargs): return [i['content'] for i in self._of('documentation')]
    def get_similar_question_sql(self, question, **kwargs): return [{'question': i['question'], 'sql': i['content']} for i in self._of('sql')]
    def get_training_data(self, **kwargs): return pd.DataFrame(self.items)
    def remove_training_data(self, id, **kwargs):
        self.items = [i for i in self.items if i['id'] != id]
        return True


class MyVanna(MemoryStore, OpenAI_Chat):
    def __init__(self, client, config):
        MemoryStore.__init__(self, config=config)
        OpenAI_Chat.__init__(self, client=client, config=config)


class SimplePassword(AuthInterface):
    """The docs' example (web-app-auth), its form shortened: the user is whoever the `user` cookie names."""
    def get_user(self, flask_request): return flask_request.cookies.get('user')
    def is_logged_in(self, user): return user is not None
    def override_config_for_user(self, user, config): return config
    def login_form(self): return '<div class="p-4 sm:p-7"><h1>Sign in</h1><form action="/auth/login" method="POST"><input name="email"><input name="password" type="password"><button type="submit">Sign in</button></form></div>'
    def login_handler(self, flask_request): return 'Login failed'
    def callback_handler(self, flask_request): return 'Logged in'
    def logout_handler(self, flask_request): return 'Logged out'


db, mode = sys.argv[1], sys.argv[2]
vn = MyVanna(client=OpenAI(api_key='sk-capture-not-a-key', base_url='http://127.0.0.1:9/v1'), config={'model': 'gpt-4o-mini'})
vn.connect_to_sqlite(db)
vn.train(ddl='CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT)')
vn.train(documentation='customers holds the shop customers and their home city')
vn.train(question='How many customers are there?', sql='SELECT COUNT(*) FROM customers')
(VannaFlaskApp(vn, auth=SimplePassword()) if mode == 'auth' else VannaFlaskApp(vn)).run()
PYTHON

cat >"$WORK/app2.py" <<'PYTHON'
import os, sys
from vanna import Agent, AgentConfig
from vanna.core.registry import ToolRegistry
from vanna.core.user import RequestContext, User, UserResolver
from vanna.integrations.local.agent_memory import DemoAgentMemory
from vanna.integrations.openai import OpenAILlmService
from vanna.integrations.sqlite import SqliteRunner
from vanna.servers.fastapi import VannaFastAPIServer
from vanna.tools import RunSqlTool


class CookieEmailUserResolver(UserResolver):
    """The quickstart's resolver (2.0.2 does not ship it): the vanna_email cookie names the user; without it, a guest."""
    async def resolve_user(self, request_context: RequestContext) -> User:
        email = request_context.get_cookie('vanna_email')
        if email and '@' in email:
            return User(id=email, username=email.split('@')[0], email=email, group_memberships=['users'])
        return User(id='anonymous', username='guest', group_memberships=['users'])


class BearerTokenUserResolver(UserResolver):
    """Only a caller with the server's token is a user; anyone else is refused."""
    async def resolve_user(self, request_context: RequestContext) -> User:
        if request_context.get_header('authorization') != f"Bearer {os.environ['CAPTURE_TOKEN']}":
            raise PermissionError('authentication required')
        return User(id='analyst', username='analyst', group_memberships=['users'])


db, mode = sys.argv[1], sys.argv[2]
tools = ToolRegistry()
tools.register_local_tool(RunSqlTool(sql_runner=SqliteRunner(database_path=db)), access_groups=['users'])
agent = Agent(
    llm_service=OpenAILlmService(model='gpt-4o-mini', api_key='sk-capture-not-a-key', base_url='http://127.0.0.1:9/v1'),
    tool_registry=tools,
    user_resolver=BearerTokenUserResolver() if mode == 'token' else CookieEmailUserResolver(),
    agent_memory=DemoAgentMemory(max_items=1000),
    config=AgentConfig(),
)
VannaFastAPIServer(agent).run()
PYTHON

# serve_case NAME URL [ENV=…] CMD…: one server at a time, as both versions take their fixed default port.
serve_case() {
  local name=$1 url=$2; shift 2
  serve_tracked "$WORK/$name.log" "$url" env -i HOME="$WORK/home" PATH=/usr/bin:/bin "$@"
  echo "--- listeners in the namespace:"
  ss -ltnp
}
end_case() { stop_tracked; PIDS=(); }

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family vanna --product Vanna "$@")
}
HOW0="python app.py: VannaFlaskApp(vn).run() (port 8084, debug on), vn = a VannaBase subclass of an in-memory training store and OpenAI_Chat (its client at a closed local port) connected to a SQLite file of one table, trained with one DDL, one documentation and one question-SQL pair (PyPI vanna[openai]==$V0; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
HOW2="python app.py: VannaFastAPIServer(agent).run() (port 8000), agent = Agent with RunSqlTool(SqliteRunner(<a SQLite file of one table>)) for group users, OpenAILlmService (at a closed local port) and DemoAgentMemory (PyPI vanna[fastapi,openai]==$V2; environment: HOME and PATH only; in an unshare -n namespace with only lo)"

serve_case v0-default http://127.0.0.1:8084/api/v0/get_config "$VENV0/bin/python" "$WORK/app0.py" "$WORK/shop.db" open
record --case v0-default --url http://127.0.0.1:8084 --port 8084 --host "$PUBLIC_HOST:8084" --version "$V0" --expect-version "$V0" \
  --verdict unauthenticated --python-env "$VENV0" \
  --description "A Vanna 0.x Flask app with its defaults (no auth object): every /api/v0 route answers anyone, who can run any SQL on its database (update_sql, then run_sql) and read its training data" \
  --how "$HOW0"
end_case

serve_case v0-auth http://127.0.0.1:8084/api/v0/get_config "$VENV0/bin/python" "$WORK/app0.py" "$WORK/shop.db" auth
record --case v0-auth --url http://127.0.0.1:8084 --port 8084 --host "$PUBLIC_HOST:8084" --version "$V0" --verdict auth-required \
  --python-env "$VENV0" \
  --description "A Vanna 0.x Flask app with an auth object (the docs' SimplePassword example): every /api/v0 route answers 200 {\"type\":\"not_logged_in\"} with the login form without its cookie; / still serves the UI" \
  --how "$HOW0, with auth=SimplePassword() (docs: web-app-auth)"
end_case

serve_case v2-cookie-resolver http://127.0.0.1:8000/health "$VENV2/bin/python" "$WORK/app2.py" "$WORK/shop.db" cookie
record --case v2-cookie-resolver --url http://127.0.0.1:8000 --port 8000 --host "$PUBLIC_HOST:8000" --version "$V2" --verdict auth-required \
  --python-env "$VENV2" \
  --description "A Vanna 2.x agent server with the quickstart's cookie resolver, which makes an anonymous caller a guest whose chat runs SQL: its GETs (the UI, /health, the OpenAPI document) do not show that, so it reads as identified with nothing served" \
  --how "$HOW2, and the quickstart's CookieEmailUserResolver (a guest in group users without the vanna_email cookie)"
end_case

serve_case v2-token-resolver http://127.0.0.1:8000/health CAPTURE_TOKEN="$(capture_password)" "$VENV2/bin/python" "$WORK/app2.py" "$WORK/shop.db" token
record --case v2-token-resolver --url http://127.0.0.1:8000 --port 8000 --host "$PUBLIC_HOST:8000" --version "$V2" --verdict auth-required \
  --python-env "$VENV2" \
  --description "A Vanna 2.x agent server whose user resolver refuses a chat without its bearer token: its GETs answer exactly as with a resolver that lets anyone in" \
  --how "$HOW2, and a UserResolver that raises unless Authorization: Bearer <CAPTURE_TOKEN, random each run>"
end_case
