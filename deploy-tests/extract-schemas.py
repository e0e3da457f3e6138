#!/usr/bin/env python3
"""Writes the JSON schemas the manifests are validated against, from files already on disk:

  extract-schemas.py kubernetes SWAGGER_JSON OUT_DIR KIND_GROUP_VERSION...   (e.g. Deployment.apps.v1, Service..v1)
  extract-schemas.py crd CRD_YAML OUT_DIR                                    (every served version)

One self-contained file per kind and version, <kind>_<group, dots as dashes, or core>_<version>.json.
Strict like kubeconform's "-strict": an object that lists its properties accepts no others, unless the
API marks it x-kubernetes-preserve-unknown-fields. Descriptions are dropped; nothing else is changed but
for JSON Schema spellings of OpenAPI notions (int-or-string, nullable). No network access.
"""
import json
import sys

import yaml

INT_OR_STRING = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
QUANTITY = {"oneOf": [{"type": "string"}, {"type": "number"}]}


def file_name(kind, group, version):
    return f"{kind.lower()}_{group.replace('.', '-') if group else 'core'}_{version}.json"


def strict(node):
    """Recursively: drop descriptions, translate OpenAPI extensions, forbid unknown properties."""
    if isinstance(node, list):
        return [strict(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("x-kubernetes-int-or-string"):
        return dict(INT_OR_STRING)
    out = {}
    for key, value in node.items():
        if key in ("description", "x-kubernetes-validations", "example"):
            continue
        if key in ("properties", "patternProperties", "definitions"):
            out[key] = {name: strict(schema) for name, schema in value.items()}
        else:
            out[key] = strict(value)
    if out.pop("nullable", False) and "type" in out:
        out["type"] = [out["type"], "null"]
    preserve = out.get("x-kubernetes-preserve-unknown-fields")
    if "properties" in out and "additionalProperties" not in out and not preserve:
        out["additionalProperties"] = False
    return out


def pin_type(schema, group, version, kind):
    api_version = f"{group}/{version}" if group else version
    schema.setdefault("properties", {})
    schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version]}
    schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
    return schema


def kubernetes(swagger_path, out_dir, kinds):
    definitions = json.load(open(swagger_path))["definitions"]
    for spec in kinds:
        kind, group, version = spec.split(".", 1)[0], ".".join(spec.split(".")[1:-1]), spec.split(".")[-1]
        root = next(name for name, d in definitions.items()
                    if any(g.get("kind") == kind and g.get("group", "") == group and g.get("version") == version
                           for g in d.get("x-kubernetes-group-version-kind", [])))
        needed, queue = {}, [root]
        while queue:
            name = queue.pop()
            if name in needed:
                continue
            needed[name] = definitions[name]
            queue.extend(ref.split("/")[-1] for ref in refs(definitions[name]))
        defs = {}
        for name, d in needed.items():
            if name == "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
                defs[name] = dict(INT_OR_STRING)
            elif name == "io.k8s.apimachinery.pkg.api.resource.Quantity":
                defs[name] = dict(QUANTITY)
            else:
                defs[name] = strict(d)
        for d in defs.values():
            d.pop("x-kubernetes-group-version-kind", None)
        schema = {"$schema": "http://json-schema.org/draft-04/schema#", "definitions": defs}
        schema.update(pin_type(dict(defs[root]), group, version, kind))
        write(out_dir, file_name(kind, group, version), schema)


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for n in node:
            yield from refs(n)


def crd(crd_path, out_dir):
    for doc in yaml.safe_load_all(open(crd_path)):
        if not doc or doc.get("kind") != "CustomResourceDefinition":
            continue
        group, kind = doc["spec"]["group"], doc["spec"]["names"]["kind"]
        for version in doc["spec"]["versions"]:
            if not version.get("served"):
                continue
            schema = strict(version["schema"]["openAPIV3Schema"])
            schema["$schema"] = "http://json-schema.org/draft-04/schema#"
            write(out_dir, file_name(kind, group, version["name"]), pin_type(schema, group, version["name"], kind))


def write(out_dir, name, schema):
    with open(f"{out_dir}/{name}", "w") as f:
        json.dump(schema, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{out_dir}/{name}")


if __name__ == "__main__":
    if sys.argv[1] == "kubernetes":
        kubernetes(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif sys.argv[1] == "crd":
        crd(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
