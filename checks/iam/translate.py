"""Translates template.yaml with aws-sam-translator, as `sam deploy` has CloudFormation do.

Usage: python3 translate.py TEMPLATE OUTPUT PARAMETERS_JSON

Local artifact paths (CodeUri, DefinitionUri) are rewritten to S3 URIs first, as `sam deploy`
does when it uploads them; the translator accepts nothing else. PARAMETERS_JSON gives the
parameters without a default (the translator leaves parameter references in place either way).
"""
import json
import os
import sys

# The translator asks boto3 for a region to pick the partition (aws); none is configured here.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ARTIFACTS = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::StateMachine": "DefinitionUri",
    "AWS::Serverless::Api": "DefinitionUri",
    "AWS::Serverless::HttpApi": "DefinitionUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
}


class NoManagedPolicyNames:
    """Policies given by managed policy name would need IAM to look them up; this template names none."""

    def load(self):
        return {}


def uploaded(uri):
    return uri if not isinstance(uri, str) or uri.startswith("s3://") else "s3://certshop-artifacts/" + uri


def main(template_path, output_path, parameters_json):
    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        prop = ARTIFACTS.get(resource.get("Type"))
        if prop and prop in resource.get("Properties", {}):
            resource["Properties"][prop] = uploaded(resource["Properties"][prop])
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = uploaded(function_globals["CodeUri"])
    try:
        translated = transform(template, json.loads(parameters_json), NoManagedPolicyNames())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print("aws-sam-translator: " + cause.message, file=sys.stderr)
        return 1
    with open(output_path, "w", encoding="utf-8") as f:
        json.dump(translated, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
