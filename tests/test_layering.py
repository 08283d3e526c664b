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
    """The groups of modules that import one another round, each as sorted names
    (Tarjan's strongly connected components, of more than one module)."""
    imports = {
        module: graph.find_modules_directly_imported_by(module) & graph.modules
        for module in graph.modules
    }
    order, lowest, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        order[module] = lowest[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for imported in imports[module]:
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in on_stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return found


def test_no_module_imports_one_that_imports_it_back(graph):
    found = circles(graph)
    assert not found, "\n".join(
        f"{len(group)} modules import one another round: " + ", ".join(group) for group in found
    )


def test_a_circle_would_be_found():
    graph = grimp.build_graph(*PACKAGES)
    graph.add_import(importer="stories.taxonomy", imported="stories.partners")
    graph.add_import(importer="stories.partners", imported="stories.taxonomy")
    assert ["stories.partners", "stories.taxonomy"] in circles(graph)
