;; readfile.scm -- reading a large file: writes a text file of about
;; 2 MB (untimed, once), then each run reads it back line by line with
;; read-line and character by character with read-char, counting lines,
;; words and characters.  The file is bench-readfile.tmp in the current
;; directory, deleted at the end.  Out: (lines words chars).
(import (scheme base) (scheme file) (scheme char) (harness))

(define file-name "bench-readfile.tmp")

(define (write-test-file lines)
  (if (file-exists? file-name) (delete-file file-name))
  (call-with-output-file file-name
    (lambda (out)
      (do ((i 0 (+ i 1))) ((= i lines))
        (write-string "line " out)
        (write-string (number->string i) out)
        (write-string ": the quick brown fox jumps over the lazy dog " out)
        (write-string (number->string (* i i)) out)
        (newline out)))))

(define (count-lines)
  (call-with-input-file file-name
    (lambda (in)
      (let loop ((lines 0))
        (if (eof-object? (read-line in)) lines (loop (+ lines 1)))))))

(define (count-words-and-chars)
  (call-with-input-file file-name
    (lambda (in)
      (let loop ((words 0) (chars 0) (in-word #f))
        (let ((c (read-char in)))
          (cond ((eof-object? c) (cons (if in-word (+ words 1) words) chars))
                ((char-whitespace? c) (loop (if in-word (+ words 1) words) (+ chars 1) #f))
                (else (loop words (+ chars 1) #t))))))))

(define (run)
  (let ((lines (count-lines)) (wc (count-words-and-chars)))
    (list lines (car wc) (cdr wc))))

(write-test-file (hide 30000))
(run-benchmark "readfile" 3 run '(30000 360000 1954264))
(delete-file file-name)
