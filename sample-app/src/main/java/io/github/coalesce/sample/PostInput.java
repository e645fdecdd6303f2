package io.github.coalesce.sample;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a client sends to create or edit a post. */
public record PostInput(
        @NotBlank(message = "title is required") @Size(max = 200, message = "title must be at most 200 characters") String title,
        @NotNull(message = "body is required") @Size(max = 100_000, message = "body must be at most 100000 characters") String body,
        @Size(max = 10, message = "tags must have at most 10 entries") List<@NotBlank(message = "tags must not be blank") @Size(max = 40, message = "a tag must be at most 40 characters") @Pattern(regexp = "[\\p{L}\\p{N} ._-]*", message = "a tag may contain letters, digits, spaces, '.', '_' and '-'") String> tags) {
}
