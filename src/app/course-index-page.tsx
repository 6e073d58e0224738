import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { lessons } from './lesson-registry';

/** `/`: what the course is and every lesson in order with its summary and reading time. */
export function CourseIndexPage() {
  useEffect(() => {
    document.title = 'Receptive Field: learn CNNs by training them';
  }, []);
  return (
    <div className="course-index">
      <h1>Learn convolutional networks by training them</h1>
      <p className="lead">
        Receptive Field takes you from a single perceptron to VGG and to looking inside a trained CNN. Every lesson has live networks that train right here, on your own GPU, while
        you read.
      </p>
      <ol className="lesson-cards">
        {lessons.map((lesson) => (
          <li key={lesson.slug} className="lesson-card">
            <Link to={`/lessons/${lesson.slug}`}>
              <span className="lesson-card-order">Lesson {lesson.order}</span>
              <span className="lesson-card-title">{lesson.title}</span>
            </Link>
            <p>{lesson.summary}</p>
            <p className="lesson-card-meta">{lesson.minutes} min read</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
