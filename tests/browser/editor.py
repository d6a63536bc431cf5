"""How a writer works the article body in the admin, for browser tests: the one place that knows the editor's page.

The body is one list of blocks in reading order; a block is added at the end or above another through the block
menu, moved with its buttons, and a table's rows are filled inside the table block.
"""

from playwright.sync_api import expect

# Each kind: the block menu's entry and the prefix of its forms (the article's accessor for the kind).
KINDS = {
    "text": ("Text section", "text_sections"),
    "table": ("Participant table", "participant_tables"),
    "callout": ("Callout", "callouts"),
    "prompt": ("Discussion prompt", "discussion_prompts"),
    "faq": ("FAQ entry", "faq_entries"),
    "image": ("Inline image", "inline_images"),
    "quote": ("Pull quote", "pull_quotes"),
    "embed": ("Embed", "embeds"),
}


def blocks(page):
    """The body's blocks, in the order the page shows them."""
    return page.locator(".order-machine .inline-related:not(.empty-form)")


def add_block(page, kind: str, *, above=None, rows=(), **fields: str):
    """Add a block of this kind at the end of the body (or above another block), fill its fields; return it.

    A prose field is typed into its editor as a person types; `rows` are a table's rows, each a tuple of cells.
    """
    entry, prefix = KINDS[kind]
    if above is None:
        page.get_by_role("button", name="Add a block at the end").click()
    else:
        above.locator(":scope > .block-tools .block-insert").click()
    menu_entry = page.locator(".plugin-buttons .plugin-button", has_text=entry).first
    expect(menu_entry).to_be_visible()
    menu_entry.click()
    newest = page.locator(f".order-machine .inline-related.dynamic-{prefix}").last
    expect(newest).to_be_visible()
    block = page.locator(f"#{newest.get_attribute('id')}")  # this block, however many come after it
    fill_block(page, block, **fields)
    for cells in rows:
        add_row(block, *cells)
    return block


def fill_block(page, block, **fields: str) -> None:
    for name, value in fields.items():
        field = block.locator(f'[name$="-{name}"]')
        if field.evaluate("element => 'djangoProseEditorConfigurable' in element.dataset"):
            # The prose editor starts a moment after the block is made: typed into once it is there.
            editor = block.locator(f'.prose-editor:has(textarea[name$="-{name}"]) .ProseMirror[contenteditable]')
            expect(editor).to_be_visible()
            editor.click()
            page.keyboard.type(value)
        else:
            block.locator(f'[name$="-{name}"]').fill(value)


def add_row(block, *cells: str) -> None:
    """Add a row to a table block and fill its cells, left to right."""
    block.get_by_role("button", name="Add a row").click()
    row = block.locator("tbody tr.block-row").last
    for input_, value in zip(row.locator("input").all(), cells, strict=False):
        input_.fill(value)


def block_of_kind(page, kind: str, index: int = -1):
    """A block of this kind, by its place among the blocks of its kind."""
    found = page.locator(f".order-machine .inline-related.dynamic-{KINDS[kind][1]}")
    return found.last if index == -1 else found.nth(index)


def move_up(block) -> None:
    block.locator(":scope > .block-tools .block-up").click()
