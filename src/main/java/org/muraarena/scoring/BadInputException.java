package org.muraarena.scoring;

/** Input that cannot be scored; the message is one line naming the file, the line and the problem. */
public class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }

    static BadInputException at(String file, int line, String problem) {
        return new BadInputException(file + ":" + line + ": " + problem);
    }
}
