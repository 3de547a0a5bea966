/**
 * Writes the Camunda Forms of the checklist and its coverage map from the checklist itself.
 *
 * <p>{@code production-deployment-checklist.md} says what the items are and their words;
 * {@code sections.yaml} says which form holds which item, under which variable, and what else each
 * form shows; {@code task-forms.yaml} describes the forms that hold no checklist item. From these
 * {@link io.deploychecklist.modelgen.ModelGenerator} writes {@code forms/*.form} and
 * {@code coverage.yaml}: {@code mvn -Pregenerate-models process-classes}.
 */
package io.deploychecklist.modelgen;
