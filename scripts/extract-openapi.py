#!/usr/bin/env python3
"""Extract the operations the fake GitHub implements from GitHub's official OpenAPI description.

Input: generated/api.github.com.json from the npm package @octokit/openapi (see extract-openapi.sh).
Output: the same document with only the listed operations and every component they reference
($ref closure over schemas, responses, parameters, headers, examples), key order preserved.
"""
import json
import sys

OPERATIONS = [
    ("get", "/repos/{owner}/{repo}"),
    ("get", "/repos/{owner}/{repo}/installation"),
    ("get", "/app"),
    ("post", "/app/installations/{installation_id}/access_tokens"),
    ("get", "/repos/{owner}/{repo}/git/ref/{ref}"),
    ("get", "/repos/{owner}/{repo}/pulls"),
    ("post", "/repos/{owner}/{repo}/pulls"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    ("patch", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    ("put", "/repos/{owner}/{repo}/pulls/{pull_number}/merge"),
    ("post", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"),
    ("get", "/repos/{owner}/{repo}/issues"),
    ("post", "/repos/{owner}/{repo}/issues"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("patch", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/labels"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/labels"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/assignees"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    # Fleet discovery (issue 7).
    ("get", "/orgs/{org}/repos"),
    ("get", "/users/{username}/repos"),
    ("get", "/installation/repositories"),
    ("get", "/orgs/{org}/installation"),
    ("get", "/users/{username}/installation"),
    ("get", "/repos/{owner}/{repo}/git/trees/{tree_sha}"),
]


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def resolve(document, pointer):
    node = document
    for part in pointer.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def main(source, target):
    with open(source, encoding="utf-8") as f:
        document = json.load(f)

    paths = {}
    for method, path in OPERATIONS:
        operation = document["paths"][path][method]
        # Examples are documentation only; dropping them keeps the extract small.
        for response in operation.get("responses", {}).values():
            for media in response.get("content", {}).values():
                media.pop("examples", None)
        operation.get("requestBody", {}).get("content", {}).get("application/json", {}).pop("examples", None)
        paths.setdefault(path, {})[method] = operation

    pending = set()
    refs(paths, pending)
    seen = set()
    while pending:
        pointer = pending.pop()
        if pointer in seen:
            continue
        seen.add(pointer)
        refs(resolve(document, pointer), pending)

    components = {}
    for pointer in sorted(seen):
        _, _, section, name = pointer.split("/", 3)
        if section == "examples":
            continue
        components.setdefault(section, {})[name] = document["components"][section][name]

    subset = {
        "openapi": document["openapi"],
        "info": document["info"],
        "paths": paths,
        "components": components,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(subset, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(OPERATIONS)} operations, {sum(len(v) for v in components.values())} components -> {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
