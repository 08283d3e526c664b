"""The house has no circles: no module imports, directly or through others,
a module that imports it back.

Imports inside functions count, as they do for the layer contracts that
`make test` checks with import-linter ([tool.importlinter] in pyproject.toml):
an import moved into a function still ties the two modules together.
"""

import grimp
import pytest

PACKAGES = ("stories", "config", "accounts")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES)


def circles(graph):
    """Each way round the import graph, once per module it starts from: the
    module, then the shortest chain by which what it imports imports it back."""
    found = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module) & graph.modules):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                found.append([module, *chain])
                break
    return found


def test_no_module_imports_one_that_imports_it_back(graph):
    found = circles(graph)
    assert not found, "\n".join("imports go round: " + " -> ".join(way) for way in found)


def test_a_circle_would_be_found():
    graph = grimp.build_graph(*PACKAGES)
    graph.add_import(importer="stories.taxonomy", imported="stories.partners")
    graph.add_import(importer="stories.partners", imported="stories.taxonomy")
    assert ["stories.partners", "stories.taxonomy", "stories.partners"] in circles(graph)
