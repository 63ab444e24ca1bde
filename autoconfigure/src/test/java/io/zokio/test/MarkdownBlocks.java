package io.zokio.test;

/**
 * The fenced code blocks of the project's Markdown pages, for the tests that check a page's
 * examples as a reader would copy them.
 */
public final class MarkdownBlocks {

	private static final String FENCE = "```";

	private MarkdownBlocks() {
	}

	/**
	 * Return the body of the first block that opens with the given fence at or after the given
	 * text.
	 * @param markdown the page
	 * @param after the text to search from, such as a heading
	 * @param fence the opening fence with its language, such as {@code ```yaml}
	 * @return the block's body, between its fences
	 * @throws IllegalArgumentException if the page has no such block
	 */
	public static String after(String markdown, String after, String fence) {
		int from = markdown.indexOf(after);
		int start = (from < 0) ? -1 : markdown.indexOf(fence, from);
		int end = (start < 0) ? -1 : markdown.indexOf(FENCE, start + fence.length());
		if (end < 0) {
			throw new IllegalArgumentException("no " + fence + " block after '" + after + "'");
		}
		return markdown.substring(start + fence.length(), end);
	}

}
