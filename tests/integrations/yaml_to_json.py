"""Converts one document of a YAML file to JSON the way the CI platforms read it.

Usage: yaml_to_json.py IN.yml DOC_INDEX OUT.json

PyYAML follows YAML 1.1, where `on`, `off`, `yes` and `no` are booleans; GitHub and GitLab read
YAML 1.2, where only true/false are. So the workflow key `on:` must stay the string "on".
"""
import json
import re
import sys

import yaml


class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def main():
    source, index, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(source, encoding="utf-8") as f:
        documents = list(yaml.load_all(f, Loader=Yaml12Loader))
    if index >= len(documents):
        sys.exit(f"{source}: has {len(documents)} YAML document(s), no document {index}")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(documents[index], f)


main()
